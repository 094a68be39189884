"""Late outputs of Deno's Jupyter kernel, collected for the cell they belong to.

Deno's kernel (2.9) can publish a cell's last output (a display, the execute_result of its last
expression) a few milliseconds AFTER it reports the cell idle; nbclient stops listening at idle
and drops it (seen in about 1 cell in 15 on a busy machine). After each cell, the runner calls
collect_late_outputs: it sends a silent request that lets the kernel's event loop turn once and,
until that request is idle, hands every output message of the earlier request to nbclient's
own message handling for that cell (so display ids and updates work as usual).
"""
from jupyter_core.utils import ensure_async, run_sync

FLUSH = "await new Promise((resolve) => setTimeout(resolve, 0));"
OUTPUT_MESSAGES = {"stream", "display_data", "update_display_data", "execute_result", "error", "clear_output"}


async def _collect(client, cell, cell_index, timeout):
    flush_id = await ensure_async(client.kc.execute(FLUSH, silent=True, store_history=False, allow_stdin=False))
    while True:
        msg = await ensure_async(client.kc.iopub_channel.get_msg(timeout=timeout))
        if msg["parent_header"].get("msg_id") == flush_id:
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return
        elif msg["msg_type"] in OUTPUT_MESSAGES:
            client.process_message(msg, cell, cell_index)


def collect_late_outputs(client, cell, cell_index, timeout=60):
    """Adds to `cell` the outputs its kernel sent after reporting it idle (see the module's doc).
    Raises queue.Empty when the kernel does not answer within `timeout` seconds."""
    run_sync(_collect)(client, cell, cell_index, timeout)
