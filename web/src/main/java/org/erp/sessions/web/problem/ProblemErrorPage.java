package org.erp.sessions.web.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.erp.sessions.infrastructure.JsonProcessing;

/**
 * The web application's error page (WEB-INF/web.xml): what fails before JAX-RS and its {@link
 * ProblemMapper} run, such as an Accept or Content-Type header or a URL that RESTEasy cannot parse,
 * or a failure inside the servlet container, is answered as a problem too, never as the container's
 * HTML page (which may show a stack trace). Asked for directly, it is a 404.
 */
@WebServlet(ProblemErrorPage.PATH)
public class ProblemErrorPage extends HttpServlet {

  static final String PATH = "/problem";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Problem problem = ProblemMapper.protocolProblem(status instanceof Integer code ? code : 404);
    response.resetBuffer();
    response.setStatus(problem.status());
    response.setContentType(Problem.MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Cache-Control", "no-store");
    response
        .getWriter()
        .write(
            JsonProcessing.createObjectBuilder()
                .add("type", problem.type())
                .add("title", problem.title())
                .add("status", problem.status())
                .add("detail", problem.detail())
                .add("code", problem.code())
                .build()
                .toString());
  }
}
