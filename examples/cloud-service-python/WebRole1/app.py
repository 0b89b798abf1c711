from flask import Flask

app = Flask(__name__)
wsgi_app = app.wsgi_app


@app.route("/")
def hello():
    return "Hello from a Cloud Service web role"
