package dev.registrykit.examples.cli;

import dev.registrykit.core.reference.ImageReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code registrykit parse NAME…}: how Docker reads each name, one JSON object per line.
 *
 * <pre>{@code
 * $ registrykit parse alpine
 * {"input":"alpine","registry":"docker.io","repository":"library/alpine","tag":null,"digest":null,
 *  "full":"docker.io/library/alpine","familiar":"alpine"}
 * }</pre>
 */
final class ParseCommand implements Command {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "parse",
        "NAME...",
        "Parses and normalizes image names as docker does, one JSON object per line.",
        """
        Each line has the input, the registry, repository, tag and digest (null when absent), the
        full form (docker.io/library/alpine) and the familiar form (alpine). The first invalid
        name stops the command with exit code 2 and the reason.""",
        List.of(),
        1,
        Integer.MAX_VALUE,
        false);
  }

  @Override
  public void run(Invocation invocation) {
    for (String name : invocation.positionals()) {
      ImageReference ref = ImageReference.parse(name);
      invocation.console().out().println(JSON.writeValueAsString(fields(name, ref)));
    }
  }

  static Map<String, Object> fields(String input, ImageReference ref) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("input", input);
    fields.put("registry", ref.registry().toString());
    fields.put("repository", ref.repository().path());
    fields.put("tag", ref.tag().map(Object::toString).orElse(null));
    fields.put("digest", ref.digest().map(Object::toString).orElse(null));
    fields.put("full", ref.toString());
    fields.put("familiar", ref.familiar());
    return fields;
  }
}
