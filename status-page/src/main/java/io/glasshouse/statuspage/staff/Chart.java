package io.glasshouse.statuspage.staff;

import java.util.List;

/**
 * A chart laid out for {@code staff/chart.jte}: every coordinate already in the SVG's user units, every text a
 * plain string the template escapes. Built by {@link SvgChart}.
 *
 * @param id unique on the page; prefixes the ids of the title and description
 * @param title the chart's accessible name (also its visible caption)
 * @param description the text alternative: what the chart shows, in figures
 * @param width the viewBox width
 * @param height the viewBox height
 * @param plot the plotting area
 * @param xTicks ticks on the x axis (position is x)
 * @param yTicks ticks on the y axis (position is y)
 * @param lines polyline segments (gaps where data is missing split a series)
 * @param bars bars, each with its own label
 * @param references horizontal reference lines (thresholds), labelled
 * @param xLabel what the x axis counts
 * @param yLabel what the y axis counts
 */
public record Chart(String id, String title, String description, int width, int height, Box plot, List<Tick> xTicks,
    List<Tick> yTicks, List<Line> lines, List<Bar> bars, List<Reference> references, String xLabel, String yLabel) {
  public Chart {
    xTicks = List.copyOf(xTicks);
    yTicks = List.copyOf(yTicks);
    lines = List.copyOf(lines);
    bars = List.copyOf(bars);
    references = List.copyOf(references);
  }

  /** A rectangle: left, top, width, height. */
  public record Box(double x, double y, double w, double h) {
    public double right() {
      return x + w;
    }

    public double bottom() {
      return y + h;
    }
  }

  /** A tick mark and its label at {@code position}. */
  public record Tick(double position, String label) {
  }

  /** One unbroken polyline: {@code points} in SVG's {@code "x,y x,y"} form; {@code cssClass} styles it. */
  public record Line(String points, String cssClass) {
  }

  /** One bar; {@code label} names it under the axis, {@code value} is its figure as text. */
  public record Bar(double x, double y, double w, double h, double labelX, String label, String value,
      String cssClass) {
  }

  /** A horizontal line at {@code y} with a label at its right end. */
  public record Reference(double y, String label) {
  }
}
