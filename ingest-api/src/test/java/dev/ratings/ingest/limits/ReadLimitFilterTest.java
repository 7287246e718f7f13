package dev.ratings.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadLimitFilterTest {

    @ParameterizedTest
    @CsvSource({
        "203.0.113.9, 203.0.113.9",
        "127.0.0.1, 127.0.0.1",
        "2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64",
        "2001:db8:1:2:ffff::1, 2001:db8:1:2::/64",
        "2001:DB8:0:0:0:0:0:1, 2001:db8:0:0::/64",
        "0:0:0:0:0:0:0:1, 0:0:0:0::/64",
        "::ffff:198.51.100.7, 198.51.100.7"
    })
    void anIpv4ClientIsItsAddressAndAnIpv6ClientItsSlash64(String address, String client) {
        assertThat(ReadLimitFilter.client(address)).isEqualTo(client);
    }
}
