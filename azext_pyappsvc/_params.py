# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------


def load_arguments(self, _):
    from azure.cli.core.commands.parameters import get_resource_name_completion_list, resource_group_name_type
    from knack.arguments import CLIArgumentType

    name_type = CLIArgumentType(
        options_list=['--name', '-n'], metavar='NAME', id_part='name', configured_default='web',
        completer=get_resource_name_completion_list('Microsoft.Web/sites'),
        help='Name of the web app or function app. You can configure the default with '
             '`az configure --defaults web=<name>`.')

    with self.argument_context('pyappsvc') as c:
        c.argument('resource_group_name', arg_type=resource_group_name_type)
        c.argument('name', arg_type=name_type)
        c.argument('slot', options_list=['--slot', '-s'],
                   help='Name of the deployment slot. Defaults to the production slot.')
