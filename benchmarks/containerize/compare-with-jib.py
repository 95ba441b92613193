#!/usr/bin/env python3
"""Side by side: registrykit-maven-plugin vs jib-maven-plugin 3.5.2 on examples/containerize-sample.

Both push to the same local CNCF Distribution registry (docker-registry, loopback, plain HTTP) on the
same base image stored in it. For each round and each scenario the same Maven build runs three ways:
without a containerizing goal (the baseline), with registrykit:build, with jib:build; a plugin's
share is its build's time minus the baseline of the same round. Scenarios: cold (`clean package`,
to a new repository), no-op (`package`, nothing changed) and one class changed; plus buildTar
(no-op build). Requests per build are counted from the registry's access log.

Maven reads no network: a settings file makes ~/.m2 a file:// "central", and the local repository is
registrykit-maven-plugin/target/it-repo (the plugin installed there by `mvn -pl
registrykit-maven-plugin -am verify -DskipTests`; jib-maven-plugin must be in ~/.m2:
`mvn dependency:get -Dartifact=com.google.cloud.tools:jib-maven-plugin:3.5.2`). Jib refuses
`mvn -o` for jib:build, hence the settings file.

Usage: python3 benchmarks/containerize/compare-with-jib.py [--rounds 5]
"""
import argparse
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "benchmarks" / "target" / "containerize"
IT_REPO = ROOT / "registrykit-maven-plugin" / "target" / "it-repo"
SAMPLE = ROOT / "examples" / "containerize-sample"
RK = "dev.registrykit:registrykit-maven-plugin:0.1.0-SNAPSHOT"
JIB = "com.google.cloud.tools:jib-maven-plugin:3.5.2"
REQUEST = re.compile(r'"(GET|HEAD|PUT|POST|PATCH|DELETE) /v2/')


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sh(*args, **kw):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def start_registry(port):
    data = WORK / "registry-data"
    config = WORK / "registry.yml"
    config.write_text(f"""version: 0.1
log:
  level: warn
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: {data}
  delete:
    enabled: true
http:
  addr: 127.0.0.1:{port}
""")
    log = open(WORK / "registry.log", "w")
    process = subprocess.Popen(["/usr/bin/docker-registry", "serve", str(config)], stdout=log, stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the registry did not start; see " + str(WORK / "registry.log"))


def push_base(port):
    """A base image with one 2 MiB layer, made with umoci, copied into the registry with skopeo."""
    layout = WORK / "base-layout"
    src = WORK / "base-files" / "opt" / "base"
    src.mkdir(parents=True)
    (src / "data.bin").write_bytes(os.urandom(2 * 1024 * 1024))
    sh("umoci", "init", "--layout", str(layout))
    sh("umoci", "new", "--image", f"{layout}:17")
    sh("umoci", "insert", "--image", f"{layout}:17", str(WORK / "base-files" / "opt"), "/opt")
    sh("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false", f"oci:{layout}:17", f"docker://localhost:{port}/base/jre:17")


def settings():
    repo = Path.home().joinpath(".m2", "repository").as_uri()
    r = (f"<id>central</id><url>{repo}</url><releases><checksumPolicy>ignore</checksumPolicy></releases>"
         "<snapshots><enabled>false</enabled></snapshots>")
    path = WORK / "settings.xml"
    path.write_text(f"<settings><profiles><profile><id>files</id><repositories><repository>{r}</repository></repositories>"
                    f"<pluginRepositories><pluginRepository>{r}</pluginRepository></pluginRepositories></profile></profiles>"
                    "<activeProfiles><activeProfile>files</activeProfile></activeProfiles></settings>")
    return path


def requests_so_far():
    return sum(1 for line in open(WORK / "registry.log", errors="replace") if REQUEST.search(line))


def mvn(project, args):
    """Runs Maven; returns (wall s, CPU s of the Maven process tree, registry requests)."""
    before = requests_so_far()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    result = subprocess.run(["mvn", "-B", "-q", "-s", str(WORK / "settings.xml"), f"-Dmaven.repo.local={IT_REPO}"] + args,
                            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.monotonic() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        print(result.stdout[-4000:], file=sys.stderr)
        raise SystemExit(f"mvn {' '.join(args)} failed in {project}")
    time.sleep(0.3)  # the access log line is written after the response
    return wall, (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime), requests_so_far() - before


def goal_args(tool, port, repo, goal="build"):
    base = f"localhost:{port}/base/jre:17"
    if tool == "registrykit":
        return [f"{RK}:{goal}", f"-Dregistrykit.from.image={base}", f"-Dregistrykit.to.image=localhost:{port}/{repo}:1",
                "-Dregistrykit.allowInsecureRegistries=true"]
    if tool == "jib":
        return [f"{JIB}:{goal}", f"-Djib.from.image={base}", f"-Djib.to.image=localhost:{port}/{repo}:1",
                "-Djib.allowInsecureRegistries=true"]
    return []


def change_class(project, round_no):
    source = project / "app/src/main/java/com/example/inventory/LowStockAlert.java"
    text = source.read_text()
    text = re.sub(r'"low stock( \d+)? at ', f'"low stock {round_no} at ', text)
    source.write_text(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    port = free_port()
    registry = start_registry(port)
    try:
        push_base(port)
        settings()
        tools = ["none", "registrykit", "jib"]
        projects = {}
        for tool in tools:
            projects[tool] = WORK / tool / "sample"
            shutil.copytree(SAMPLE, projects[tool], ignore=shutil.ignore_patterns("target"))
            # Warm-up, not measured: resolves every plugin into the local repository.
            mvn(projects[tool], ["package"] + goal_args(tool, port, f"warmup/{tool}"))
        rows = []  # (round, scenario, tool, wall, cpu, requests)
        for r in range(1, rounds + 1):
            for tool in tools:
                repo = f"bench/{tool}-{r}"
                p = projects[tool]
                rows.append((r, "cold", tool) + mvn(p, ["clean", "package"] + goal_args(tool, port, repo)))
                rows.append((r, "no-op", tool) + mvn(p, ["package"] + goal_args(tool, port, repo)))
                change_class(p, r)
                rows.append((r, "one class changed", tool) + mvn(p, ["package"] + goal_args(tool, port, repo)))
                if tool != "none":
                    rows.append((r, "buildTar (no-op)", tool) + mvn(p, ["package"] + goal_args(tool, port, repo, "buildTar")))
        report(rows, rounds)
    finally:
        registry.terminate()
        registry.wait(10)


def report(rows, rounds):
    print("| round | scenario | tool | wall s | CPU s | requests |")
    print("|---|---|---|---|---|---|")
    for r, scenario, tool, wall, cpu, reqs in rows:
        print(f"| {r} | {scenario} | {tool} | {wall:.2f} | {cpu:.2f} | {reqs} |")
    print()
    print("| scenario | baseline (no goal) wall / CPU s | registrykit share wall / CPU s | Jib share wall / CPU s | ratio wall / CPU | requests registrykit / Jib |")
    print("|---|---|---|---|---|---|")
    for scenario in ["cold", "no-op", "one class changed", "buildTar (no-op)"]:
        base_scenario = "no-op" if scenario.startswith("buildTar") else scenario
        def per_round(tool, sc, idx):
            return {r: row[idx] for row in rows for r in [row[0]] if row[1] == sc and row[2] == tool}
        share = {}
        for tool in ["registrykit", "jib"]:
            walls = per_round(tool, scenario, 3)
            cpus = per_round(tool, scenario, 4)
            base_w = per_round("none", base_scenario, 3)
            base_c = per_round("none", base_scenario, 4)
            share[tool] = (statistics.median([walls[r] - base_w[r] for r in walls]), statistics.median([cpus[r] - base_c[r] for r in cpus]),
                           statistics.median(per_round(tool, scenario, 5).values()))
        bw = statistics.median(per_round("none", base_scenario, 3).values())
        bc = statistics.median(per_round("none", base_scenario, 4).values())
        rk, jib = share["registrykit"], share["jib"]
        ratio_w = rk[0] / jib[0] if jib[0] > 0 else float("nan")
        ratio_c = rk[1] / jib[1] if jib[1] > 0 else float("nan")
        print(f"| {scenario} | {bw:.2f} / {bc:.2f} | {rk[0]:.2f} / {rk[1]:.2f} | {jib[0]:.2f} / {jib[1]:.2f} | {ratio_w:.2f} / {ratio_c:.2f} | {rk[2]:.0f} / {jib[2]:.0f} |")


if __name__ == "__main__":
    main()
