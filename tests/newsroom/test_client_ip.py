"""The address a sign-in attempt comes from: X-Forwarded-For only through the proxies named."""

import pytest


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "81.2.69.1", "127.0.0.1"),
        (1, "81.2.69.1", "81.2.69.1"),
        (1, "6.6.6.6, 81.2.69.1", "81.2.69.1"),
        (2, "6.6.6.6, 81.2.69.1, 10.0.0.2", "81.2.69.1"),
        (2, "81.2.69.1", "127.0.0.1"),
    ],
)
def test_lockout_address_believes_only_the_proxies_it_is_told_of(
    rf, settings, proxies, forwarded, address
):
    from newsroom.client_ip import client_ip

    settings.NEWSROOM_PROXY_COUNT = proxies
    request = rf.post("/", headers={"X-Forwarded-For": forwarded}, REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == address
