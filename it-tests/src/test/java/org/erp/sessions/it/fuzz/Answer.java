package org.erp.sessions.it.fuzz;

import java.util.List;
import java.util.Map;

/** What the server answered: status 0 and an error when there was no HTTP answer. */
record Answer(int status, Map<String, List<String>> headerMap, String body, String error) {

  List<String> headers(String name) {
    return headerMap.getOrDefault(name, List.of());
  }

  String summary() {
    return status + " " + headers("content-type") + " " + Text.show(body, 300);
  }
}
