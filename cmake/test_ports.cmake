# test_ports.cmake - the loopback UDP ports of the tests that bind their own:
# the build's OWS_WIRE_PORT (16161 by default) plus a fixed offset, so builds
# configured with their own OWS_WIRE_PORT can test at the same time. Offsets:
# the wire tests + 0..20 and 48..49, unit.test_lockwait + 21..24,
# conformance.test_replyhandles + 25..27, conformance.test_netio + 30..47,
# tests/tools + 70..73, tests/mgmtapi + 80..83, the SNMPv3 manager's tests
# + 90..94 (wire.test_wire_v3: + 90, a port where nothing listens),
# tests/tools/v3.sh (SNMPv3 agent and receiver) + 95..96.

# Gives test `test` the environment variable `var` = that port.
function(ows_test_port_env test var offset)
  set(base 16161)
  if(OWS_WIRE_PORT)
    set(base ${OWS_WIRE_PORT})
  endif()
  math(EXPR port "${base} + ${offset}")
  set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT "${var}=${port}")
endfunction()
