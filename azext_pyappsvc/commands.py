# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------

from azext_pyappsvc.output.tables import (transform_doctor, transform_migrate, transform_runtimes, transform_set_build,
                                          transform_set_runtime, transform_set_startup, transform_show,
                                          transform_show_startup)


def load_command_table(self, _):
    with self.command_group('pyappsvc', is_preview=True) as g:
        g.custom_show_command('show', 'show_app', table_transformer=transform_show)
        g.custom_command('list-runtimes', 'list_runtimes', table_transformer=transform_runtimes)
        g.custom_command('set-runtime', 'set_runtime', table_transformer=transform_set_runtime)
        g.custom_command('set-build', 'set_build', table_transformer=transform_set_build)
        g.custom_command('set-startup', 'set_startup', table_transformer=transform_set_startup)
        g.custom_show_command('show-startup', 'show_startup', table_transformer=transform_show_startup)
        g.custom_command('doctor', 'doctor', table_transformer=transform_doctor)
        g.custom_command('migrate', 'migrate', table_transformer=transform_migrate)
