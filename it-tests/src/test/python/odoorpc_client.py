"""An unchanged Odoo client library (OdooRPC, Debian's python3-odoorpc) against the service.

Connects (OdooRPC asks /web/webclient/version_info first), logs in through
/web/session/authenticate, reads the session info, logs out through /web/session/destroy, and
checks that the session is then gone. Prints "N passed, N failed".
"""
import sys

import odoorpc

url_port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
passed = failed = 0


def check(what, condition):
    global passed, failed
    if condition:
        passed += 1
        print("ok   " + what)
    else:
        failed += 1
        print("FAIL " + what)


odoo = odoorpc.ODOO("127.0.0.1", port=url_port)
check("connect reads the server version", bool(odoo.version))
odoo.login("erp", "demo", "demo")
check("login as demo", odoo.env.uid > 0 and odoo.env.context.get("lang") == "en_US")
info = odoo.json("/web/session/get_session_info", {})["result"]
check("session info names the user", info["username"] == "demo" and info["db"] == "erp")
try:
    odoo.login("erp", "demo", "not the password")
    check("a wrong password is refused", False)
except odoorpc.error.RPCError as refused:
    check("a wrong password is refused", "Access" in str(refused) or "Denied" in str(refused))
odoo.login("erp", "demo", "demo")
check("logout", odoo.logout())
try:
    odoo.json("/web/session/check", {})
    check("the session is gone after logout", False)
except odoorpc.error.RPCError:
    check("the session is gone after logout", True)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
