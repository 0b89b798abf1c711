import azure.functions as func

from shared_code.pricing import total

bp = func.Blueprint()


@bp.route(route="orders")
def orders(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(str(total([1, 2])))
