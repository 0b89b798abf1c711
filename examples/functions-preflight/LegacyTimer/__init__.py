import logging

from __app__.shared_code.pricing import total


def main(mytimer) -> None:
    logging.info("total %s", total([1]))
