package dev.breakfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Both languages have every text, with the same arguments, and every text the code asks for exists. */
class DiagnosisTextsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");
    private static final Pattern KEY_IN_CODE = Pattern.compile(
            "\"((?:ev|exit|unschedulable|image|crash|exited|oom|config|creating|notReady|running|completed|terminating"
                    + "|missing|unknown|coach|label|grade|tl|act|term)\\.[A-Za-z0-9.]+)\"");

    @Test
    void everyKeyIsInBothLanguages() {
        Properties en = load("/i18n/diagnosis.properties");
        Properties zh = load("/i18n/diagnosis_zh.properties");

        assertThat(zh.stringPropertyNames()).as("keys missing in diagnosis_zh.properties")
                .containsAll(en.stringPropertyNames());
        assertThat(en.stringPropertyNames()).as("keys missing in diagnosis.properties")
                .containsAll(zh.stringPropertyNames());
    }

    @Test
    void bothLanguagesTakeTheSameArgumentsAndParse() {
        Properties en = load("/i18n/diagnosis.properties");
        Properties zh = load("/i18n/diagnosis_zh.properties");
        for (String key : en.stringPropertyNames()) {
            new MessageFormat(en.getProperty(key), Locale.ENGLISH);
            new MessageFormat(zh.getProperty(key), Locale.SIMPLIFIED_CHINESE);
            assertThat(placeholders(zh.getProperty(key))).as(key).isEqualTo(placeholders(en.getProperty(key)));
        }
    }

    @Test
    void chineseIsChineseAndKeepsCommandsAsTheyAre() {
        Properties en = load("/i18n/diagnosis.properties");
        Properties zh = load("/i18n/diagnosis_zh.properties");
        for (String key : en.stringPropertyNames()) {
            String english = en.getProperty(key);
            String chinese = zh.getProperty(key);
            if (english.matches(".*[A-Za-z]{4,}.*[A-Za-z]{4,}.*") && !key.startsWith("ev.") && !english.startsWith("`")) {
                assertThat(chinese).as(key).containsPattern("\\p{IsHan}");
            }
            String[] parts = english.split("`", -1);
            for (int i = 1; i < parts.length; i += 2) {
                assertThat(chinese).as(key + " keeps `" + parts[i] + "`").contains("`" + parts[i] + "`");
            }
        }
    }

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Properties en = load("/i18n/diagnosis.properties");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/breakfix"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_IN_CODE.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        used.removeIf(k -> k.endsWith(".")); // built from a name: label.what, grade.title.present, ...
        assertThat(used).isNotEmpty();
        assertThat(en.stringPropertyNames()).containsAll(used);
        for (String name : new String[] {"what", "evidence", "commands", "next", "nextGeneric", "coaching", "coachingWhy", "coachingNext"}) {
            assertThat(en.stringPropertyNames()).contains("label." + name);
        }
    }

    @Test
    void languagesAreChosenByTheRequestNotByTheMachine() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            assertThat(Msg.of("missing.what", "nginx").render(Locale.ENGLISH)).isEqualTo("There is no Pod named nginx.");
            assertThat(Msg.of("missing.what", "nginx").render(Locale.GERMAN)).isEqualTo("There is no Pod named nginx.");
            assertThat(Msg.of("missing.what", "nginx").render(Locale.TRADITIONAL_CHINESE)).isEqualTo("不存在名为 nginx 的 Pod。");
        } finally {
            Locale.setDefault(before);
        }
        assertThat(Texts.fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Texts.fromAcceptLanguage("en-US,en;q=0.9,zh;q=0.5")).isEqualTo(Locale.ENGLISH);
        assertThat(Texts.fromAcceptLanguage("fr, zh;q=0.4")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Texts.fromAcceptLanguage(null)).isEqualTo(Locale.ENGLISH);
        assertThat(Texts.fromAcceptLanguage("!!not a range")).isEqualTo(Locale.ENGLISH);
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = DiagnosisTextsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
