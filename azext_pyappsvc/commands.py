# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------

from azext_pyappsvc._format import transform_show


def load_command_table(self, _):
    with self.command_group('pyappsvc', is_preview=True) as g:
        g.custom_show_command('show', 'show_app', table_transformer=transform_show)
