package dev.registrykit.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Command-line building and redaction, without running skopeo. */
class SkopeoTest {

  private static final PeerCredentials ALICE = PeerCredentials.of("alice", "s3cr3t!");

  @Test
  void redact_credsFlagForms_valuesHidden() {
    List<String> command =
        List.of(
            "skopeo",
            "copy",
            "--src-creds=alice:s3cr3t!",
            "--dest-creds",
            "bob:pw",
            "--creds=x:y",
            "--dest-no-creds",
            "oci:/x:1",
            "docker://h/a:s3cr3t!");
    assertThat(Skopeo.redact(command, Set.of("s3cr3t!")))
        .containsExactly(
            "skopeo",
            "copy",
            "--src-creds=***",
            "--dest-creds",
            "***",
            "--creds=***",
            "--dest-no-creds",
            "oci:/x:1",
            "docker://h/a:***");
  }

  @Test
  void flags_registryAccess_tlsCertDirAndCreds() {
    SkopeoAccess access = SkopeoAccess.https(Path.of("/tmp/certs")).withCredentials(ALICE);
    assertThat(access.flags("dest-"))
        .containsExactly(
            "--dest-tls-verify=true", "--dest-cert-dir=/tmp/certs", "--dest-creds=alice:s3cr3t!");
    assertThat(SkopeoAccess.plainHttp().flags("")).containsExactly("--tls-verify=false");
    assertThat(SkopeoAccess.local().flags("src-")).isEmpty();
    assertThat(access.withoutCredentials().flags(""))
        .containsExactly("--tls-verify=true", "--cert-dir=/tmp/certs");
  }

  @Test
  void toString_withCredentials_passwordHidden() {
    assertThat(SkopeoAccess.plainHttp().withCredentials(ALICE).toString())
        .contains("alice")
        .doesNotContain("s3cr3t!");
    assertThat(ALICE.toString()).contains("alice").doesNotContain("s3cr3t!");
  }
}
