package io.glasshouse.alerts.store;

import io.glasshouse.alerts.nflog.Delivery;
import io.glasshouse.alerts.nflog.NflogEntry;
import io.glasshouse.alerts.silence.Silence;
import io.glasshouse.alerts.state.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link AlertStore} that forgets everything on restart: for tests and runs without a data folder. */
public final class MemoryAlertStore implements AlertStore {
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private final Map<String, Silence> silences = new LinkedHashMap<>();
  private final Map<String, NflogEntry> nflog = new LinkedHashMap<>();
  private final List<Delivery> deliveries = new ArrayList<>();

  @Override
  public synchronized void saveAlert(Alert a) {
    alerts.put(a.rule() + "/" + a.fingerprint(), a);
  }

  @Override
  public synchronized void deleteAlert(String rule, String fingerprint) {
    alerts.remove(rule + "/" + fingerprint);
  }

  @Override
  public synchronized List<Alert> alerts() {
    return new ArrayList<>(alerts.values());
  }

  @Override
  public synchronized void saveSilence(Silence s) {
    silences.put(s.id(), s);
  }

  @Override
  public synchronized List<Silence> silences() {
    return new ArrayList<>(silences.values());
  }

  @Override
  public synchronized void saveNflog(NflogEntry e) {
    nflog.put(e.key(), e);
  }

  @Override
  public synchronized List<NflogEntry> nflog() {
    return new ArrayList<>(nflog.values());
  }

  @Override
  public synchronized void addDelivery(Delivery d, int keep) {
    deliveries.add(0, d);
    while (deliveries.size() > keep) {
      deliveries.remove(deliveries.size() - 1);
    }
  }

  @Override
  public synchronized List<Delivery> deliveries(int limit) {
    return new ArrayList<>(deliveries.subList(0, Math.min(limit, deliveries.size())));
  }

  @Override
  public void close() {
  }
}
