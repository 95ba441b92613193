/**
 * Registry rate limits as registries announce them: {@link dev.registrykit.client.ratelimit.RateLimit}
 * reads Docker Hub's {@code RateLimit-Limit}, {@code RateLimit-Remaining} (with their {@code ;w=}
 * windows) and {@code Docker-RateLimit-Source} headers, and the IETF draft's {@code RateLimit-Reset}.
 *
 * @see <a href="https://docs.docker.com/docker-hub/usage/pulls/">Docker Hub pull usage and limits</a>
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/">RateLimit header fields for HTTP</a>
 */
@NullMarked
package dev.registrykit.client.ratelimit;

import org.jspecify.annotations.NullMarked;
