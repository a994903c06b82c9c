package io.glasshouse.alerts.store;

import io.glasshouse.alerts.nflog.Delivery;
import io.glasshouse.alerts.nflog.NflogEntry;
import io.glasshouse.alerts.silence.Silence;
import io.glasshouse.alerts.state.Alert;
import java.util.List;

/**
 * Where the alert state lives across restarts: the rules' pending, firing and recently resolved alerts, the
 * silences, the notification log and recent delivery outcomes. Calls block (JDBC): call them from a worker, never
 * an event loop. Each call is durable when it returns.
 */
public interface AlertStore extends AutoCloseable {
  /** Inserts or replaces the alert with this rule and fingerprint. */
  void saveAlert(Alert alert);

  void deleteAlert(String rule, String fingerprint);

  List<Alert> alerts();

  /** Inserts or replaces the silence with this id. */
  void saveSilence(Silence silence);

  List<Silence> silences();

  /** Inserts or replaces the entry for its group and receiver. */
  void saveNflog(NflogEntry entry);

  List<NflogEntry> nflog();

  /** Appends a delivery outcome; keeps the newest {@code keep}. */
  void addDelivery(Delivery delivery, int keep);

  /** Newest first. */
  List<Delivery> deliveries(int limit);

  @Override
  void close();
}
