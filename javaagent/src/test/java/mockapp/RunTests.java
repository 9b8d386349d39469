package mockapp;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the application's Mockito tests ({@link OrderRepositoryTest}, {@link SessionStrictnessTest}) with the
 * JUnit launcher, as a build tool would, and prints the summary; {@code MockitoUnderAgentIT} starts it with and
 * without the agent. First it uses a real database once, as any larger suite has by then, so that Leash's
 * tracking is running when the mocks are called.
 */
public final class RunTests {

  private RunTests() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:mockapp_warmup"); Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(OrderRepositoryTest.class), selectClass(SessionStrictnessTest.class))
        .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    summary.printFailuresTo(new PrintWriter(System.out, true), 20);
    System.out.println("mockapp: found=" + summary.getTestsFoundCount() + " succeeded=" + summary.getTestsSucceededCount()
        + " failed=" + summary.getTotalFailureCount());
  }
}
