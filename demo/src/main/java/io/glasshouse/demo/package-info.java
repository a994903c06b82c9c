/**
 * The {@code --demo} fleet: simulated services whose identical, ephemeral instances are real Micrometer OTLP
 * registries pushing to the server, with daily and weekly traffic cycles, slow resource trends, churn, restarts
 * and incidents. Start it with {@link io.glasshouse.demo.DemoFleet#start}, configure it with
 * {@link io.glasshouse.demo.DemoConfig}, watch it through {@link io.glasshouse.demo.DemoStatus}.
 */
package io.glasshouse.demo;
