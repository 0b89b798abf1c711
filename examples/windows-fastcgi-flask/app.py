import imp  # removed in Python 3.12: the migration plan names it

from flask import Flask

app = Flask(__name__)
wsgi_app = app.wsgi_app


@app.route("/")
def hello():
    return "Hello from a Flask app that ran on Windows App Service through wfastcgi"
