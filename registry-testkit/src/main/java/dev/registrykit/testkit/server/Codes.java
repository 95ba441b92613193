package dev.registrykit.testkit.server;

/** The error codes of the spec's table (code-1 … code-14) and the 5xx codes Distribution uses. */
final class Codes {
  static final String BLOB_UNKNOWN = "BLOB_UNKNOWN";
  static final String BLOB_UPLOAD_INVALID = "BLOB_UPLOAD_INVALID";
  static final String BLOB_UPLOAD_UNKNOWN = "BLOB_UPLOAD_UNKNOWN";
  static final String DIGEST_INVALID = "DIGEST_INVALID";
  static final String MANIFEST_BLOB_UNKNOWN = "MANIFEST_BLOB_UNKNOWN";
  static final String MANIFEST_INVALID = "MANIFEST_INVALID";
  static final String MANIFEST_UNKNOWN = "MANIFEST_UNKNOWN";
  static final String NAME_INVALID = "NAME_INVALID";
  static final String NAME_UNKNOWN = "NAME_UNKNOWN";
  static final String SIZE_INVALID = "SIZE_INVALID";
  static final String UNAUTHORIZED = "UNAUTHORIZED";
  static final String DENIED = "DENIED";
  static final String UNSUPPORTED = "UNSUPPORTED";
  static final String TOOMANYREQUESTS = "TOOMANYREQUESTS";
  static final String UNKNOWN = "UNKNOWN";
  static final String UNAVAILABLE = "UNAVAILABLE";

  private Codes() {}
}
