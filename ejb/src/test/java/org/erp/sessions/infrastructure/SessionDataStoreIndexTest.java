package org.erp.sessions.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionDataStoreIndexTest {

  @Test
  void theIndexRoundTripsKeysAndSizesSortedByKey() {
    Map<String, Integer> sizes = Map.of("wizard.step", 17, "a-b_c", 1, "Z9", 4096);

    String index = SessionDataStore.encode(sizes);

    assertEquals("Z9=4096\na-b_c=1\nwizard.step=17\n", index);
    assertEquals(sizes, SessionDataStore.sizes(index));
  }

  @Test
  void noIndexAndAnEmptyIndexMeanNoKeys() {
    assertEquals(Map.of(), SessionDataStore.sizes(null));
    assertEquals(Map.of(), SessionDataStore.sizes(SessionDataStore.encode(Map.of())));
  }
}
