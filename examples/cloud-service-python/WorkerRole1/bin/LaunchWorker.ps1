# Starts Python with the entry point's arguments (bin\ps.cmd LaunchWorker.ps1 worker.py): the PTVS template, shortened.
$interpreter_path = $env:PYTHON
"Executing $interpreter_path $args"
Start-Process -Wait -NoNewWindow $interpreter_path -ArgumentList $args
