"""An HTTP server on loopback that answers the way a test tells it to, down to the byte: for the
abuse a real SCIM server never commits (trickled headers, resets, endless bodies) and for
recording exactly what `runbook verify` sends."""
import dataclasses
import socket
import struct
import threading
import time

LIST_RESPONSE = b'{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}'


@dataclasses.dataclass
class Request:
    method: str
    target: str
    headers: dict
    raw: bytes


def answer(status, body=b"", content_type="application/scim+json", headers=()):
    """A whole HTTP/1.1 answer that closes the connection."""
    head = [f"HTTP/1.1 {status} X", f"Content-Type: {content_type}", f"Content-Length: {len(body)}",
            "Connection: close", *headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


class RawServer:
    """Calls `behave(request, connection)` for each request, on a thread of its own."""

    def __init__(self, behave, host="127.0.0.1"):
        self.behave = behave
        self.requests = []
        self.listener = socket.create_server((host, 0))
        self.host, self.port = self.listener.getsockname()[:2]
        self.open = True
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    def _serve(self):
        while self.open:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _handle(self, connection):
        with connection:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = connection.recv(65536)
                if not chunk:
                    return
                data += chunk
            head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
            method, target, _ = head[0].split(" ", 2)
            headers = {}
            for line in head[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            request = Request(method, target, headers, data)
            self.requests.append(request)
            try:
                self.behave(request, connection)
            except OSError:
                pass  # the client gave up, as it should

    def close(self):
        self.open = False
        self.listener.close()


# Behaviours -----------------------------------------------------------------------------------

def respond(data):
    def behave(request, connection):
        connection.sendall(data)
    return behave


def trickle(interval=0.2):
    """Slowloris: a status line and headers, a byte at a time, never finished."""
    def behave(request, connection):
        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\nX-Pad: " + b"a" * 100_000:
            connection.sendall(bytes([byte]))
            time.sleep(interval)
    return behave


def reset_mid_body():
    """Promises a long body, sends some, then resets the connection (RST, not FIN)."""
    def behave(request, connection):
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/scim+json\r\nContent-Length: 100000\r\n\r\n"
                           + LIST_RESPONSE[:40])
        time.sleep(0.1)
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return behave


def stream(head, chunks):
    """A 200 whose body is the chunks, sent as fast as the client reads."""
    def behave(request, connection):
        connection.sendall(head)
        for chunk in chunks():
            connection.sendall(chunk)
    return behave
