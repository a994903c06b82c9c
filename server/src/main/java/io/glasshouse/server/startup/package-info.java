/** Start-up progress: which part is starting, so that a start-up timeout names it and says what to do. */
package io.glasshouse.server.startup;
