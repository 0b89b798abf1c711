# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------

from knack.help_files import helps  # pylint: disable=unused-import

helps['pyappsvc'] = """
type: group
short-summary: Configure, explain and diagnose Python apps on App Service (Linux) and Azure Functions.
long-summary: >
    Every value is validated before anything is written, and only the property you change is sent.
"""

helps['pyappsvc show'] = """
type: command
short-summary: Show the Python-relevant configuration of a web app or function app.
long-summary: >
    Kind and platform (linux, windows, container, flex), the Python version, the startup command, the
    build automation settings and, for function apps, the Functions worker settings. Values of other app
    settings are never printed. Reads the site, its configuration and its app settings concurrently.
examples:
  - name: Show the Python configuration of a web app.
    text: az pyappsvc show -g MyResourceGroup -n MyWebApp
  - name: Show a deployment slot as a table.
    text: az pyappsvc show -g MyResourceGroup -n MyWebApp --slot staging -o table
"""
