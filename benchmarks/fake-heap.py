#!/usr/bin/env python3
"""The standalone fake's heap against the content it stores, after skopeo pushes into it.

Starts the standalone fake (memory storage) with a fixed -Xmx, pushes IMAGES images of one random
layer of MIB MiB each with skopeo (OCI layouts written here, uncompressed layers), then reads the
heap twice: as the pushes left it (`jstat -gc`: old generation, survivors and eden in use; G1 fills
the unusable end of an old region, so waste shows here) and after a full collection (`jcmd
GC.run`, then `GC.heap_info`). Prints each as a ratio to the bytes stored, and the fake's CPU time
(user + system) spent during the pushes per GiB pushed.

Needs skopeo and the JDK's jstat/jcmd, and the standalone jar (mvn -pl registry-testkit -am package
-DskipTests).

Usage: python3 benchmarks/fake-heap.py [--mib 512] [--images 1] [--xmx-factor 2]
         [--jar registry-testkit/target/registry-testkit-0.1.0-SNAPSHOT-standalone.jar]
"""
import argparse
import glob
import hashlib
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

MIB = 1024 * 1024


def write_image(layout: Path, mib: int, seed: int) -> None:
    """An OCI layout holding one image, tagged "bench", whose one layer is mib MiB of random bytes."""
    blobs = layout / "blobs" / "sha256"
    blobs.mkdir(parents=True)

    def put(data: bytes, media_type: str) -> dict:
        digest = hashlib.sha256(data).hexdigest()
        (blobs / digest).write_bytes(data)
        return {"mediaType": media_type, "digest": "sha256:" + digest, "size": len(data)}

    layer = put(os.urandom(mib * MIB), "application/vnd.oci.image.layer.v1.tar")
    config = put(
        json.dumps({"architecture": "amd64", "os": "linux", "created": f"2026-01-01T00:00:{seed:02d}Z",
                    "rootfs": {"type": "layers", "diff_ids": [layer["digest"]]}}).encode(),
        "application/vnd.oci.image.config.v1+json")
    manifest = put(
        json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "config": config, "layers": [layer]}).encode(),
        "application/vnd.oci.image.manifest.v1+json")
    manifest["annotations"] = {"org.opencontainers.image.ref.name": "bench"}
    (layout / "index.json").write_text(json.dumps({"schemaVersion": 2, "manifests": [manifest]}))
    (layout / "oci-layout").write_text('{"imageLayoutVersion": "1.0.0"}')


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=512)
    parser.add_argument("--images", type=int, default=1)
    parser.add_argument("--xmx-factor", type=float, default=2.0)
    parser.add_argument("--jar", default=None)
    args = parser.parse_args()
    jar = args.jar or sorted(glob.glob("registry-testkit/target/registry-testkit-*-standalone.jar"))[0]
    stored = args.mib * MIB * args.images
    xmx = max(64, int(args.xmx_factor * stored / MIB))
    with tempfile.TemporaryDirectory(prefix="fake-heap-") as work:
        layouts = []
        for i in range(args.images):
            layouts.append(Path(work) / f"image-{i}")
            write_image(layouts[-1], args.mib, i)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        fake = subprocess.Popen(["java", f"-Xmx{xmx}m", "-jar", jar, "--port", str(port),
                                 "--address", "127.0.0.1"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/v2/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            cpu_before = cpu_seconds(fake.pid)
            for i, layout in enumerate(layouts):
                subprocess.run(["skopeo", "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false",
                                f"oci:{layout}:bench", f"docker://127.0.0.1:{port}/bench/image{i}:1"],
                               check=True)
            cpu = cpu_seconds(fake.pid) - cpu_before
            gc = subprocess.run(["jstat", "-gc", str(fake.pid)], check=True, capture_output=True,
                                text=True).stdout.split("\n")
            columns = dict(zip(gc[0].split(), (float(v) for v in gc[1].split())))
            old, survivors, eden = columns["OU"] * 1024, (columns["S0U"] + columns["S1U"]) * 1024, columns["EU"] * 1024
            subprocess.run(["jcmd", str(fake.pid), "GC.run"], check=True, capture_output=True)
            info = subprocess.run(["jcmd", str(fake.pid), "GC.heap_info"], check=True, capture_output=True,
                                  text=True).stdout
            used_kib = int(info.split(" used ")[1].split("K")[0])
        finally:
            fake.terminate()
            fake.wait(30)
    print(f"fake -Xmx{xmx}m, {args.images} x {args.mib} MiB pushed by skopeo ({stored / MIB:.0f} MiB stored)")
    print(f"as pushed: old {old / MIB:.0f} MiB ({old / stored:.3f}x), + survivors and eden "
          f"{(old + survivors + eden) / MIB:.0f} MiB ({(old + survivors + eden) / stored:.3f}x)")
    print(f"after a full GC: used {used_kib / 1024:.0f} MiB ({used_kib * 1024 / stored:.3f}x)")
    print(f"fake CPU during the pushes: {cpu:.2f} s, {cpu / (stored / (1024 * MIB)):.2f} s per GiB; "
          f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
