import azure.functions as func
import pyodbc

from blueprints.orders import bp

app = func.FunctionApp()
app.register_functions(bp)


@app.route(route="health")
def health(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("ok" if pyodbc.version else "no driver")
