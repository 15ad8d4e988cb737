"""Helpers for the command-line tests: the built binaries and a fake router process."""
import os, subprocess, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def bin_dir():
    return subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()


class FakeRouter:
    """Runs limn-fake-router on an ephemeral loopback port."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([os.path.join(bin_dir(), "limn-fake-router"), *args],
                                     stdout=subprocess.PIPE, text=True)
        self.base_url = self.proc.stdout.readline().strip()
        assert self.base_url.startswith("http://127.0.0.1:"), f"fake router did not start: {self.base_url!r}"

    def env(self, home):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LIMN_", "OPENAI_"))}
        env.update(LIMN_BASE_URL=self.base_url, LIMN_API_KEY="test-key-cli-0000", LIMN_HOME=home)
        return env

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def limn():
    return os.path.join(bin_dir(), "limn")


def write_script(folder, name, source):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(source)
    return path


def tempdir():
    return tempfile.mkdtemp(prefix="limn-cli-")


def send_json(handler, status, body):
    """Answers an http.server request with `body` (bytes) as application/json. A client that hung
    up first (on a body over its limit, as it should) is not an error of the test router."""
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    try:
        handler.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):
        pass
