package slipstream.server.telemetry;

/**
 * A declared feature: its name, where its information comes from, and what it measures. {@code sql} is its
 * expression inside {@link FeatureSql} (over the as-of joined history, never over the race's own outcome).
 */
public record FeatureDeclaration(String name, FeatureSource source, String description, String sql) {}
