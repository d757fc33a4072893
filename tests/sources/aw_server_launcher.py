"""Start the real aw-server (``aw_server.main``) with the same arguments as the ``aw-server`` command.

aw-server 0.12.0 on PyPI predates the settings API that aw-webui and aw-server-rust use for the
category rules. When the installed server has no ``/api/0/settings`` route, this adds one with the
upstream semantics (``GET /api/0/settings[/<key>]``, ``POST /api/0/settings/<key>`` with a JSON value;
a falsy value deletes the key), so tests can exercise the "categories from the server" path.
Everything else is the unmodified server.
"""

import sys

import aw_server.server as server
from flask import jsonify, request

_create_app = server.create_app


def create_app(*args, **kwargs):
    app = _create_app(*args, **kwargs)
    if any(rule.rule.startswith("/api/0/settings") for rule in app.url_map.iter_rules()):
        return app
    settings: dict = {}

    def read_settings(key=""):
        return jsonify(settings if not key else settings.get(key))

    def write_setting(key):
        value = request.get_json()
        if value:
            settings[key] = value
        else:
            settings.pop(key, None)
        return jsonify(value)

    app.add_url_rule("/api/0/settings", "vrdndi_test_settings_all", read_settings, methods=["GET"])
    app.add_url_rule("/api/0/settings/<string:key>", "vrdndi_test_settings_get", read_settings, methods=["GET"])
    app.add_url_rule("/api/0/settings/<string:key>", "vrdndi_test_settings_set", write_setting, methods=["POST"])
    return app


server.create_app = create_app

if __name__ == "__main__":
    from aw_server.main import main

    sys.argv[0] = "aw-server"
    sys.exit(main())
