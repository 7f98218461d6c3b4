"""A stand-in for a province's OpenID Connect provider, for the sign-on test.

A small HTTP server on a free local port with what `st.login` asks of a provider:
the discovery document, an authorization endpoint that signs the person in at once
(it redirects back with a code, as a provider does after its own sign-in page), a
token endpoint that answers with an ID token signed RS256 for that code (the nonce
and audience the app sent), and the key set to check the signature. Which identity
it signs in is set by the test (`provider.identity`).
"""

import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from joserfc import jwt
from joserfc.jwk import RSAKey


class Provider:
    def __init__(self, client_id: str):
        self.client_id = client_id
        self.identity: dict = {}
        self.key = RSAKey.generate_key(2048)
        self.codes: dict[str, dict] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.metadata_url = f"{self.issuer}/.well-known/openid-configuration"

    def __enter__(self) -> "Provider":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _id_token(self, request: dict) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 600,
            "nonce": request.get("nonce"),
            **self.identity,
        }
        return jwt.encode({"alg": "RS256", "kid": self.key.thumbprint()}, claims, self.key)

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args):  # quiet: the test says what went wrong
                pass

            def _json(self, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urllib.parse.urlparse(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                if url.path == "/.well-known/openid-configuration":
                    self._json(
                        {
                            "issuer": provider.issuer,
                            "authorization_endpoint": f"{provider.issuer}/authorize",
                            "token_endpoint": f"{provider.issuer}/token",
                            "jwks_uri": f"{provider.issuer}/jwks",
                            "response_types_supported": ["code"],
                            "subject_types_supported": ["public"],
                            "id_token_signing_alg_values_supported": ["RS256"],
                        }
                    )
                elif url.path == "/jwks":
                    jwk = {**provider.key.as_dict(private=False), "kid": provider.key.thumbprint()}
                    self._json({"keys": [jwk]})
                elif url.path == "/authorize":
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = query
                    back = {"code": code, "state": query.get("state", "")}
                    self.send_response(302)
                    self.send_header(
                        "Location", f"{query['redirect_uri']}?{urllib.parse.urlencode(back)}"
                    )
                    self.end_headers()
                else:
                    self.send_error(404)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                request = provider.codes.pop(form.get("code", ""), None)
                if self.path != "/token" or request is None:
                    self.send_error(400)
                    return
                self._json(
                    {
                        "access_token": secrets.token_urlsafe(16),
                        "token_type": "Bearer",
                        "expires_in": 600,
                        "id_token": provider._id_token(request),
                    }
                )

        return Handler
