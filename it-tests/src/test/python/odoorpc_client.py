"""An unchanged Odoo client library (OdooRPC, Debian's python3-odoorpc) against the service.

Connects (OdooRPC asks /web/webclient/version_info first), logs in through
/web/session/authenticate, reads the session info, logs out through /web/session/destroy, and
checks that the session is then gone. Then signs in with an API key in place of the password
(the key made through the REST API), and checks that revoking the key ends that session. Prints "N passed, N failed". With a second argument, writes
every session id it was given there, one a line (for the caller's log scan).
"""
import json
import sys
from datetime import datetime, timedelta, timezone
from http.cookiejar import CookieJar
from urllib.request import HTTPCookieProcessor, Request, build_opener

import odoorpc

url_port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
ids_file = sys.argv[2] if len(sys.argv) > 2 else None
passed = failed = 0
cookies = CookieJar()
session_ids = set()


def remember_session_id():
    session_ids.update(c.value.split(".")[0] for c in cookies if c.name == "session_id")


def check(what, condition):
    global passed, failed
    if condition:
        passed += 1
        print("ok   " + what)
    else:
        failed += 1
        print("FAIL " + what)


odoo = odoorpc.ODOO("127.0.0.1", port=url_port, opener=build_opener(HTTPCookieProcessor(cookies)))
check("connect reads the server version", bool(odoo.version))
odoo.login("erp", "demo", "demo")
remember_session_id()
check("login as demo", odoo.env.uid > 0 and odoo.env.context.get("lang") == "en_US")
info = odoo.json("/web/session/get_session_info", {})["result"]
check("session info names the user", info["username"] == "demo" and info["db"] == "erp")
try:
    odoo.login("erp", "demo", "not the password")
    check("a wrong password is refused", False)
except odoorpc.error.RPCError as refused:
    check("a wrong password is refused", "Access" in str(refused) or "Denied" in str(refused))
odoo.login("erp", "demo", "demo")
remember_session_id()
check("logout", odoo.logout())
try:
    odoo.json("/web/session/check", {})
    check("the session is gone after logout", False)
except odoorpc.error.RPCError:
    check("the session is gone after logout", True)



def rest(opener, method, path, body=None, csrf_token=None):
    """One call of the REST API; returns the parsed JSON answer (None for 204)."""
    headers = {"Content-Type": "application/json"}
    if csrf_token:
        headers["X-CSRF-Token"] = csrf_token
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = Request("http://127.0.0.1:%d%s" % (url_port, path), data=data, headers=headers, method=method)
    with opener.open(request) as answer:
        text = answer.read().decode("utf-8")
        return json.loads(text) if text else None


# An API key for demo, made through the REST API as a user would in the ERP page.
rest_cookies = CookieJar()
rest_opener = build_opener(HTTPCookieProcessor(rest_cookies))
csrf = rest(rest_opener, "POST", "/api/session", {"login": "demo", "password": "demo"})["csrf_token"]
session_ids.update(c.value.split(".")[0] for c in rest_cookies if c.name == "session_id")
expires = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
created = rest(rest_opener, "POST", "/api/me/api-keys", {"name": "odoorpc", "expires_at": expires}, csrf)
api_key = created["key"]
session_ids.add(api_key)  # the key must never be in the server's log either

keyed = odoorpc.ODOO("127.0.0.1", port=url_port, opener=build_opener(HTTPCookieProcessor(cookies)))
keyed.login("erp", "demo", api_key)
remember_session_id()
check("login as demo with an API key for the password", keyed.env.uid > 0)
info = keyed.json("/web/session/get_session_info", {})["result"]
check("the key's session info names its user", info["username"] == "demo")
rest(rest_opener, "DELETE", "/api/me/api-keys/" + created["id"], None, csrf)
try:
    keyed.json("/web/session/check", {})
    check("revoking the key ends the session it started", False)
except odoorpc.error.RPCError:
    check("revoking the key ends the session it started", True)
try:
    keyed.login("erp", "demo", api_key)
    check("a revoked key is refused", False)
except odoorpc.error.RPCError as refused:
    check("a revoked key is refused", "Access" in str(refused) or "Denied" in str(refused))

if ids_file:
    with open(ids_file, "w") as out:
        out.write("".join(i + "\n" for i in sorted(session_ids)))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
