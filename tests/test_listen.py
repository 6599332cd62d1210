"""The local servers' listening socket: a busy port is one clear line, port 0 picks a free one."""

from __future__ import annotations

import pytest

from textfix.errors import TextfixError
from textfix.listen import listening_socket


def test_a_busy_port_is_one_clear_error_and_port_zero_picks_a_free_one():
    first = listening_socket("127.0.0.1", 0)
    try:
        port = first.getsockname()[1]
        assert port > 0
        with pytest.raises(TextfixError, match=rf"cannot listen on 127.0.0.1:{port}: .*--port"):
            listening_socket("127.0.0.1", port)
    finally:
        first.close()
