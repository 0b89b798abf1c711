# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------

from azure.cli.core import AzCommandsLoader

from azext_pyappsvc._help import helps  # noqa: F401  pylint: disable=unused-import


class PyappsvcCommandsLoader(AzCommandsLoader):
    """Builds the command table without importing the Azure SDK: it is imported when a command runs."""

    def __init__(self, cli_ctx=None):
        from azure.cli.core.commands import CliCommandType
        custom = CliCommandType(operations_tmpl='azext_pyappsvc.custom#{}')
        super().__init__(cli_ctx=cli_ctx, custom_command_type=custom)

    def load_command_table(self, args):
        from azext_pyappsvc.commands import load_command_table
        load_command_table(self, args)
        return self.command_table

    def load_arguments(self, command):
        from azext_pyappsvc._params import load_arguments
        load_arguments(self, command)


COMMAND_LOADER_CLS = PyappsvcCommandsLoader
