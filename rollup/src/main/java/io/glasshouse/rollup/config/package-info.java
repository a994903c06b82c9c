/** Reading configuration values (durations, numbers) with errors that name the offending key. */
package io.glasshouse.rollup.config;
