/**
 * JSON for manifests, configs, archives and error bodies: a small immutable tree ({@link
 * dev.registrykit.core.internal.json.JsonValue}) read and written with Jackson's streaming parser
 * and generator ({@link dev.registrykit.core.internal.json.JsonText}), the one place that
 * configures them.
 *
 * <p>Why not Jackson's data binding ({@code ObjectMapper}, {@code JsonNode}): the documents are
 * small and read member by member, and starting data binding in a fresh JVM loads some 400 classes
 * and costs about 0.3 s of CPU before the first document is read, which every short-lived JVM pays
 * (a Maven build running the plugin, a CLI command). The streaming API needs a tenth of that.
 *
 * <p>Not API: public only so that this library's modules can use it (core's packages, and the
 * client for the documents core does not model); it may change in any release.
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.core.internal.json;
