package io.glasshouse.rollup.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up every store contract suite shares ({@link RollupStoreContract},
 * {@code io.glasshouse.rollup.config.ConfigStoreContract}): a Vert.x and a store opened before each test, both
 * closed after it, and a bounded wait for futures.
 *
 * @param <S> the store interface under contract
 */
public abstract class StoreFixture<S> {
  protected Vertx vertx;
  protected S store;
  private final Function<S, Future<Void>> opener;
  private final Function<S, Future<Void>> closer;

  protected StoreFixture(Function<S, Future<Void>> opener, Function<S, Future<Void>> closer) {
    this.opener = opener;
    this.closer = closer;
  }

  /** A new store; implementations say whether a second call in one test opens the same place again. */
  protected abstract S createStore(Vertx vertx) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    vertx = Vertx.vertx();
    store = createStore(vertx);
    await(opener.apply(store));
  }

  @AfterEach
  void closeStore() {
    await(closer.apply(store));
    await(vertx.close());
  }

  protected static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e.getCause() == null ? e : e.getCause());
    }
  }
}
