/**
 * JSON reading for the client's operations, kept out of the API packages so Jackson never shows in
 * public signatures. Not API: may change without notice.
 */
@NullMarked
package dev.registrykit.client.internal.json;

import org.jspecify.annotations.NullMarked;
