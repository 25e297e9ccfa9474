package dev.latchkey.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.local.RunningPlatform.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real browser (Debian's headless chromium driven by its chromedriver) against the whole local
 * platform with Keycloak, as a person uses it: alice signs in, creates a token, copies it, sees it listed without
 * the value, opens accounts-api with it, regenerates and deletes it; registers an OAuth application and sees its
 * secret once; adds a service account and reassigns a token to it. Every page is photographed into
 * {@code target/console-screenshots/}.
 */
class ConsoleBrowserIT {
    static final String CONSOLE = "http://localhost:8080/console";
    static final String ACCOUNTS_API = "http://localhost:8085/api/v1/users/whoami";
    static final Path SHOTS = Path.of("target", "console-screenshots");

    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static int shot;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(present, "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        }
        assertThat(present).as("/usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them)").isTrue();
        LocalPlatform platform = RunningPlatform.get();
        // other tests of this JVM may have used the tenant's two OAuth applications: room for this one
        asAdmin().contentType("application/json").body(Map.of("limits", Map.of("oauthApplications", 50)))
                .patch("/api/v1/tenants/" + LocalPlatform.TENANT).then().statusCode(200);
        platform.startKeycloak();

        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory("console-it-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", "http://localhost:8080",
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldLetAPersonManageTokensApplicationsAndServiceAccountsInTheBrowser() throws Exception {
        try {
            walkThroughTheConsole();
        } catch (Exception | AssertionError e) {
            screenshot("failure");
            throw new AssertionError("at " + browser.getCurrentUrl() + " (screenshot in " + SHOTS + "): " + e.getMessage(), e);
        }
    }

    private void walkThroughTheConsole() throws Exception {
        signInAsAlice();

        // the profile menu: person, role, tenant service ID
        browser.findElement(By.cssSelector("#profile-menu summary")).click();
        assertThat(text("[data-testid=profile-name]")).isNotBlank();
        assertThat(text("[data-testid=profile-role]")).isEqualTo("Global admin");
        assertThat(text("[data-testid=profile-tenant]")).isEqualTo(LocalPlatform.TENANT);
        screenshot("integration-profile-menu");
        browser.findElement(By.cssSelector("#profile-menu summary")).click();

        // Create Token: the value once, copied, then listed without it
        String name = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        String value = createToken(name);
        assertThat(value).startsWith("lkt_");
        browser.findElement(By.cssSelector("[data-copy=secret-value]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("copy-status"), "Copied to the clipboard."));
        assertThat(clipboard()).isEqualTo(value);
        screenshot("token-created-copied");
        assertThat(accountsApi(value)).isEqualTo(200);

        browser.findElement(By.linkText("Done")).click();
        WebElement row = tokenRow(name);
        assertThat(row.getText()).contains("account:read").contains("active");
        assertThat(browser.getPageSource()).doesNotContain(value);
        screenshot("integration-token-listed");

        // regenerate: a new value, the old one dead
        row.findElement(By.xpath(".//button[starts-with(@aria-label,'Regenerate')]")).click();
        browser.switchTo().alert().accept();
        String regenerated = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-value"))).getText();
        assertThat(regenerated).startsWith("lkt_").isNotEqualTo(value);
        screenshot("token-regenerated");
        assertThat(accountsApi(regenerated)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(accountsApi(value)).isEqualTo(401));

        // delete with the confirmation
        browser.findElement(By.linkText("Done")).click();
        tokenRow(name).findElement(By.xpath(".//button[starts-with(@aria-label,'Delete')]")).click();
        WebElement confirm = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//dialog[@open]//button[normalize-space()='Yes, Delete']")));
        screenshot("token-delete-confirmation");
        confirm.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert.success"), "Deleted"));
        screenshot("integration-token-deleted");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(accountsApi(regenerated)).isEqualTo(401));

        // OAuth application: the secret once
        browser.get(CONSOLE + "/oauth-apps");
        screenshot("oauth-apps");
        browser.findElement(By.xpath("//button[normalize-space()='Register application']")).click();
        String app = "e2e-app-" + UUID.randomUUID().toString().substring(0, 6);
        browser.findElement(By.id("app-name")).sendKeys(app);
        browser.findElement(By.cssSelector("input[name=grantType][value=client_credentials]")).click();
        browser.findElement(By.id("app-scope-account-read")).click();
        screenshot("oauth-app-register-dialog");
        browser.findElement(By.xpath("//dialog[@open]//button[normalize-space()='Register']")).click();
        String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-value"))).getText();
        assertThat(secret).startsWith("lkc_");
        assertThat(browser.getPageSource()).contains("will not be shown again");
        screenshot("oauth-app-secret-once");
        browser.findElement(By.linkText("Application details")).click();
        wait.until(ExpectedConditions.titleContains(app));
        assertThat(browser.getPageSource()).doesNotContain(secret);
        screenshot("oauth-app-details");
        browser.get(CONSOLE + "/oauth-apps");
        assertThat(browser.getPageSource()).contains(app).doesNotContain(secret);

        // a service account (the name rule is enforced in the form), then a token reassigned to it
        browser.get(CONSOLE + "/members?tab=service-accounts");
        browser.findElement(By.xpath("//button[normalize-space()='Add service account']")).click();
        WebElement saName = browser.findElement(By.id("sa-name"));
        saName.sendKeys("bad name!");
        assertThat((Boolean) js("return document.getElementById('sa-name').validity.valid;")).isFalse();
        screenshot("service-account-name-rule");
        saName.clear();
        String account = "e2e-runner-" + UUID.randomUUID().toString().substring(0, 6);
        saName.sendKeys(account);
        browser.findElement(By.xpath("//dialog[@open]//button[normalize-space()='Add']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-sa-name='" + account + "']")));
        screenshot("members-service-accounts");
        browser.get(CONSOLE + "/members?tab=users");
        screenshot("members-users");

        browser.get(CONSOLE + "/integration");
        String movingName = "moving-" + UUID.randomUUID().toString().substring(0, 6);
        String moving = createToken(movingName);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            browser.get(CONSOLE + "/tokens?status=active&name=" + movingName);
            WebElement line = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("tr[data-token-name='" + movingName + "']")));
            new Select(line.findElement(By.tagName("select"))).selectByVisibleText(account);
            line.findElement(By.xpath(".//button[normalize-space()='Reassign']")).click();
            // the answer is a new page: look for its notice there, not on the page just left
            wait.until(ExpectedConditions.stalenessOf(line));
            WebElement notice = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".alert")));
            // token-service learns of the new service account from its event: until then the API says so
            assertThat(notice.getAttribute("class")).contains("success");
        });
        screenshot("tokens-reassigned");
        browser.get(CONSOLE + "/tokens?status=active&name=" + movingName);
        assertThat(browser.findElement(By.cssSelector("tr[data-token-name='" + movingName + "']")).getText()).contains(account);
        screenshot("tokens-inventory");
        assertThat(accountsApi(moving)).isEqualTo(200);

        browser.get(CONSOLE + "/audit");
        screenshot("audit");
        browser.findElement(By.linkText("Verify the chain")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=verification]")));
        assertThat(text("[data-testid=verification]")).contains("The chain is intact");
        screenshot("audit-verified");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(CONSOLE + "/integration");
        screenshot("integration-narrow-screen");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        browser.get(CONSOLE + "/logout");
        wait.until(ExpectedConditions.titleContains("Signed out"));
        screenshot("signed-out");
        browser.get(CONSOLE + "/integration");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    }

    private void signInAsAlice() throws Exception {
        browser.get(CONSOLE + "/");
        WebElement user = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl()).startsWith("http://localhost:8180/realms/latchkey/");
        screenshot("sign-in-keycloak");
        user.sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("alice");
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlToBe(CONSOLE + "/integration"));
        screenshot("integration");
    }

    /** Creates a token through the dialog (30 days, account:read and system_user:read); answers the value shown once. */
    private String createToken(String name) throws Exception {
        browser.findElement(By.xpath("//button[normalize-space()='Create Token']")).click();
        browser.findElement(By.id("create-name")).sendKeys(name);
        new Select(browser.findElement(By.id("create-expiration"))).selectByValue("30d");
        browser.findElement(By.id("create-scope-account-read")).click();
        // accounts-api's whoami needs system_user:read
        browser.findElement(By.id("create-scope-system_user-read")).click();
        if (shot < 5) {
            screenshot("create-token-dialog");
        }
        browser.findElement(By.xpath("//dialog[@open]//button[normalize-space()='Create']")).click();
        WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-value")));
        assertThat(browser.getPageSource()).contains("will not be shown again");
        return secret.getText();
    }

    private WebElement tokenRow(String name) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-token-name='" + name + "']")));
    }

    private String clipboard() {
        return (String) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('unreadable: ' + e));");
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().trim();
    }

    private static int accountsApi(String token) throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ACCOUNTS_API))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
        return r.statusCode();
    }

    private static void screenshot(String name) throws Exception {
        shot++;
        Files.write(SHOTS.resolve(String.format("%02d-%s.png", shot, name)), browser.getScreenshotAs(OutputType.BYTES));
    }
}
