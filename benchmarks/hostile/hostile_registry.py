#!/usr/bin/env python3
"""A registry that misbehaves on purpose, one behaviour per repository name.

    python3 hostile_registry.py PORT SILENT_PORT

Serves plain HTTP on 127.0.0.1:PORT. The first path component after /v2/ picks the behaviour
(see POINTS in run.sh): endless-manifest, long-blob, endless-error, endless-pages, deep-index,
no-headers, drip, big-token, cross-host-link. SILENT_PORT accepts connections and never reads or
writes a byte. Loopback only; for benchmarks/hostile/run.sh, not for production use.
"""
import hashlib
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
CHUNK = b"a" * 65536
DEPTH = 15000


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def blob_manifest(config, layer_size, layer_digest):
    return json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": OCI_MANIFEST,
            "config": {
                "mediaType": "application/vnd.oci.image.config.v1+json",
                "digest": sha256(config),
                "size": len(config),
            },
            "layers": [
                {
                    "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                    "digest": layer_digest,
                    "size": layer_size,
                }
            ],
        },
        separators=(",", ":"),
    ).encode()


CONFIG = json.dumps(
    {"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [sha256(b"x")]}}
).encode()
LONG_BLOB_DIGEST = sha256(b"0123456789")
LONG_BLOB_MANIFEST = blob_manifest(CONFIG, 10, LONG_BLOB_DIGEST)


def build_chain(depth):
    """depth nested indexes, each listing the next; the innermost lists one image manifest."""
    docs = {}
    child = LONG_BLOB_MANIFEST
    child_type = OCI_MANIFEST
    top = None
    for _ in range(depth):
        doc = json.dumps(
            {
                "schemaVersion": 2,
                "mediaType": OCI_INDEX,
                "manifests": [
                    {
                        "mediaType": child_type,
                        "digest": sha256(child),
                        "size": len(child),
                        "platform": {"architecture": "amd64", "os": "linux"},
                    }
                ],
            },
            separators=(",", ":"),
        ).encode()
        docs[sha256(doc)] = doc
        child, child_type, top = doc, OCI_INDEX, doc
    docs[sha256(LONG_BLOB_MANIFEST)] = LONG_BLOB_MANIFEST
    return docs, top


CHAIN, CHAIN_TOP = build_chain(DEPTH)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hostile"

    def log_message(self, *args):
        pass

    def send_small(self, status, body, content_type="application/json", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Docker-Distribution-API-Version", "registry/2.0")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_endless(self, status, content_type, prefix):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            self.wfile.write(prefix)
            while True:
                self.wfile.write(CHUNK)
        except OSError:
            pass
        self.close_connection = True

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/token":
            return self.token()
        if path in ("/v2/", "/v2"):
            return self.send_small(200, b"{}")
        parts = path.split("/")
        point = parts[2] if len(parts) > 2 else ""
        handler = getattr(self, point.replace("-", "_"), None)
        if handler is None:
            return self.send_small(404, b'{"errors":[{"code":"NAME_UNKNOWN","message":"no such point"}]}')
        handler(path)

    # --- the points -----------------------------------------------------------------------------

    def endless_manifest(self, path):
        self.send_endless(200, OCI_MANIFEST, b'{"schemaVersion":2,"annotations":{"a":"')

    def long_blob(self, path):
        if "/manifests/" in path:
            return self.send_small(200, LONG_BLOB_MANIFEST, OCI_MANIFEST)
        if path.endswith(sha256(CONFIG)):
            return self.send_small(200, CONFIG, "application/octet-stream")
        self.send_endless(200, "application/octet-stream", b"0123456789")

    def endless_error(self, path):
        self.send_endless(404, "application/json", b'{"errors":[{"code":"MANIFEST_UNKNOWN","message":"')

    def endless_pages(self, path):
        query = self.path.split("?", 1)[1] if "?" in self.path else ""
        page = 0
        for pair in query.split("&"):
            if pair.startswith("last=t"):
                page = int(pair[6:]) // 1000 + 1
        tags = ["t%d" % (page * 1000 + i) for i in range(1000)]
        body = json.dumps({"name": "endless-pages/app", "tags": tags}).encode()
        link = '</v2/endless-pages/app/tags/list?n=1000&last=t%d>; rel="next"' % (page * 1000 + 999)
        self.send_small(200, body, headers=[("Link", link)])

    def deep_index(self, path):
        ref = path.rsplit("/", 1)[1]
        doc = CHAIN_TOP if not ref.startswith("sha256:") else CHAIN.get(ref)
        if doc is None:
            return self.send_small(404, b'{"errors":[{"code":"MANIFEST_UNKNOWN","message":"x"}]}')
        content_type = OCI_MANIFEST if doc is LONG_BLOB_MANIFEST else OCI_INDEX
        self.send_small(200, doc, content_type, headers=[("Docker-Content-Digest", sha256(doc))])

    def no_headers(self, path):
        time.sleep(3600)

    def drip(self, path):
        self.send_response(200)
        self.send_header("Content-Type", OCI_MANIFEST)
        self.send_header("Content-Length", "100000")
        self.end_headers()
        try:
            while True:
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(1)
        except OSError:
            pass

    def big_token(self, path):
        if self.headers.get("Authorization", "").startswith("Bearer "):
            return self.send_small(200, b'{"name":"big-token/app","tags":["a"]}')
        host = self.headers.get("Host")
        challenge = 'Bearer realm="http://%s/token",service="hostile"' % host
        self.send_small(
            401,
            b'{"errors":[{"code":"UNAUTHORIZED","message":"token needed"}]}',
            headers=[("WWW-Authenticate", challenge)],
        )

    def token(self):
        self.send_endless(200, "application/json", b'{"token":"')

    def cross_host_link(self, path):
        body = json.dumps({"name": "cross-host-link/app", "tags": ["a"]}).encode()
        link = '<http://elsewhere.invalid:9/v2/cross-host-link/app/tags/list?last=a>; rel="next"'
        self.send_small(200, body, headers=[("Link", link)])


def silent(port):
    held = []
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", port))
        server.listen(64)
        while True:
            connection, _ = server.accept()
            held.append(connection)  # never read, never written, never closed


def main():
    port, silent_port = int(sys.argv[1]), int(sys.argv[2])
    threading.Thread(target=silent, args=(silent_port,), daemon=True).start()
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
