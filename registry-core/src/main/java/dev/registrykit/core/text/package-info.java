/**
 * Text that came from outside the process (a registry's error message, a header, a token endpoint's
 * answer) made safe to show: {@link dev.registrykit.core.text.UntrustedText} is the one rule for
 * what may reach a terminal or a log line. Depends on nothing but the JDK.
 */
@NullMarked
package dev.registrykit.core.text;

import org.jspecify.annotations.NullMarked;
