package io.glasshouse.statuspage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.ServiceSummary;
import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.statuspage.StatusPageRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ReaderFailureTest {
  /** A reader whose store is broken: every call fails with an internal error. */
  private static final RollupReader BROKEN = new RollupReader() {
    @Override
    public Future<List<ServiceSummary>> services() {
      return Future.failedFuture(new IllegalStateException("disk on fire at /var/lib/secret"));
    }

    @Override
    public Future<List<InstanceInfo>> instances(String service) {
      return services().mapEmpty();
    }

    @Override
    public Future<List<MetricInfo>> metrics(String service) {
      return services().mapEmpty();
    }

    @Override
    public Future<List<SeriesCells>> cells(String s, String m, List<LabelMatcher> matchers, long from, long to) {
      return services().mapEmpty();
    }
  };

  @Test
  void readerFailureIsA500ProblemWithoutInternals(Vertx vertx, VertxTestContext ctx) {
    Router router = Router.router(vertx);
    StatusPageRoutes.mount(router, BROKEN, new ManualClock(ReadApiFixture.NOW));
    WebClient client = WebClient.create(vertx);
    vertx.createHttpServer().requestHandler(router).listen(0)
        .compose(server -> client.get(server.actualPort(), "localhost", "/api/v1/services").send())
        .onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertThat(resp.statusCode()).isEqualTo(500);
          assertThat(resp.getHeader("content-type")).isEqualTo("application/problem+json");
          assertThat(resp.bodyAsJsonObject().getString("type")).isEqualTo("/problems/internal");
          assertThat(resp.bodyAsString()).doesNotContain("disk on fire").doesNotContain("Exception");
          ctx.completeNow();
        })));
  }
}
