package io.glasshouse.collector.scrape;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code file_sd_configs} entry: the files it names (a {@code *}, {@code ?} or {@code [..]} glob in the file
 * name is expanded; relative paths are relative to the working directory), read as JSON ({@code .json}) or YAML
 * ({@code .yml}, {@code .yaml}) target groups, each group labelled {@code __meta_filepath}. {@link #refresh()}
 * re-reads a file only when its modification time or size changed. A file that cannot be read or parsed is
 * refused with one log line and its previous groups are kept; a file that is gone takes its groups with it.
 * Blocking (file I/O): call it on a worker thread. Not thread-safe; the manager runs refreshes one at a time.
 */
final class FileSd {
  private static final Logger LOG = LoggerFactory.getLogger(FileSd.class);

  private record Known(FileTime modified, long size, List<TargetGroup> groups) {
  }

  private final String job;
  private final ScrapeJob.FileSdConfig config;
  private final Map<Path, Known> known = new HashMap<>();

  FileSd(String job, ScrapeJob.FileSdConfig config) {
    this.job = job;
    this.config = config;
  }

  ScrapeJob.FileSdConfig config() {
    return config;
  }

  /** Reads what changed; returns every group of every file, the refused files' previous ones included. */
  List<TargetGroup> refresh() {
    Map<Path, Known> next = new TreeMap<>();
    for (Path file : files()) {
      Known before = known.get(file);
      FileTime modified;
      long size;
      try {
        modified = Files.getLastModifiedTime(file);
        size = Files.size(file);
      } catch (IOException e) {
        continue; // gone between listing and reading
      }
      if (before != null && before.modified().equals(modified) && before.size() == size) {
        next.put(file, before);
        continue;
      }
      try {
        byte[] body = Files.readAllBytes(file);
        Map<String, String> meta = Map.of("__meta_filepath", file.toString());
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<TargetGroup> groups = name.endsWith(".json") ? TargetGroups.parseJson(body, meta)
            : TargetGroups.parseYaml(body, meta);
        next.put(file, new Known(modified, size, groups));
      } catch (IOException | IllegalArgumentException e) {
        int kept = before == null ? 0 : before.groups().stream().mapToInt(g -> g.targets().size()).sum();
        LOG.warn("scrape job '{}': file_sd file {} refused ({}); keeping its previous {} targets", job, file,
            e.getMessage(), kept);
        if (before != null) {
          // remember the refused version so the log line is not repeated every refresh; keep the old groups
          next.put(file, new Known(modified, size, before.groups()));
        } else {
          next.put(file, new Known(modified, size, List.of()));
        }
      }
    }
    known.clear();
    known.putAll(next);
    List<TargetGroup> out = new ArrayList<>();
    next.values().forEach(k -> out.addAll(k.groups()));
    return out;
  }

  private List<Path> files() {
    List<Path> out = new ArrayList<>();
    for (String pattern : config.files()) {
      Path p = Path.of(pattern);
      String name = p.getFileName().toString();
      if (name.indexOf('*') < 0 && name.indexOf('?') < 0 && name.indexOf('[') < 0) {
        if (Files.isRegularFile(p)) {
          out.add(p);
        }
        continue;
      }
      Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path f : ds) {
          if (matcher.matches(f.getFileName()) && Files.isRegularFile(f)) {
            out.add(f);
          }
        }
      } catch (IOException e) {
        // a folder that does not exist (yet) has no targets
      }
    }
    return out;
  }
}
