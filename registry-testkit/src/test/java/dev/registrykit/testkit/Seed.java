package dev.registrykit.testkit;

import dev.registrykit.core.digest.Digest;
import java.nio.charset.StandardCharsets;

/** A tiny image, index and referrer seeded into a registry for endpoint tests. */
final class Seed {
  static final String REPO = "team/app";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar";

  final byte[] config = utf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
  final byte[] layer = utf8("0123456789abcdefghijklmnopqrstuvwxyz");
  final Digest configDigest = Digest.sha256(config);
  final Digest layerDigest = Digest.sha256(layer);
  final byte[] manifest =
      utf8(
          "{\"schemaVersion\":2,\"mediaType\":\""
              + OCI_MANIFEST
              + "\",\"config\":"
              + descriptor(OCI_CONFIG, configDigest, config.length)
              + ",\"layers\":["
              + descriptor(LAYER_TYPE, layerDigest, layer.length)
              + "]}");
  final Digest manifestDigest = Digest.sha256(manifest);
  final byte[] index =
      utf8(
          "{\"schemaVersion\":2,\"mediaType\":\""
              + OCI_INDEX
              + "\",\"manifests\":["
              + descriptor(OCI_MANIFEST, manifestDigest, manifest.length)
              + "]}");
  final Digest indexDigest = Digest.sha256(index);
  final byte[] signature =
      utf8(
          "{\"schemaVersion\":2,\"mediaType\":\""
              + OCI_MANIFEST
              + "\",\"artifactType\":\"application/vnd.example.sig\",\"config\":"
              + descriptor("application/vnd.oci.empty.v1+json", Digest.sha256(utf8("{}")), 2)
              + ",\"layers\":[],\"subject\":"
              + descriptor(OCI_MANIFEST, manifestDigest, manifest.length)
              + ",\"annotations\":{\"org.example\":\"yes\"}}");
  final Digest signatureDigest = Digest.sha256(signature);
  final byte[] sbom =
      utf8(
          "{\"schemaVersion\":2,\"mediaType\":\""
              + OCI_MANIFEST
              + "\",\"config\":"
              + descriptor("application/vnd.example.sbom", configDigest, config.length)
              + ",\"layers\":[],\"subject\":"
              + descriptor(OCI_MANIFEST, manifestDigest, manifest.length)
              + "}");
  final Digest sbomDigest = Digest.sha256(sbom);

  static String descriptor(String mediaType, Digest digest, long size) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + digest
        + "\",\"size\":"
        + size
        + "}";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Seeds blobs, the image tagged v1 and latest, the index tagged multi, and two referrers. */
  void into(FakeRegistry registry) {
    registry.putBlob(REPO, config);
    registry.putBlob(REPO, layer);
    registry.putBlob(REPO, utf8("{}"));
    registry.putManifest(REPO, OCI_MANIFEST, manifest, "v1", "latest");
    registry.putManifest(REPO, OCI_INDEX, index, "multi");
    registry.putManifest(REPO, OCI_MANIFEST, signature);
    registry.putManifest(REPO, OCI_MANIFEST, sbom);
  }
}
