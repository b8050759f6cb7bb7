package dev.breakfix.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.breakfix.catalog.Catalog;
import dev.breakfix.catalog.LabLanguages;
import dev.breakfix.catalog.Scenario;
import io.quarkus.qute.i18n.Message;

/**
 * Every page text and every lab exists in Chinese: a key of the default bundle missing from
 * {@code msg_zh.properties}, a scenario without its Chinese lab, title or hints, or a Chinese lab that lost one of
 * the AsciiDoc attributes fails here.
 */
class I18nBundleTest {

    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)[^{}]*}");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\{([a-z][a-z-]*)}");

    static Properties chinese() {
        Properties p = new Properties();
        try (InputStream in = I18nBundleTest.class.getClassLoader().getResourceAsStream("messages/msg_zh.properties")) {
            assertThat(in).as("messages/msg_zh.properties on the classpath").isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static Set<String> defaultKeys() {
        return Arrays.stream(Msg.class.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Message.class))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyKeyOfTheDefaultBundleIsTranslatedAndNoOtherKeyIs() {
        Set<String> zh = chinese().stringPropertyNames();
        Set<String> missing = new TreeSet<>(defaultKeys());
        missing.removeAll(zh);
        assertThat(missing).as("keys of Msg missing in msg_zh.properties").isEmpty();
        Set<String> extra = new TreeSet<>(zh);
        extra.removeAll(defaultKeys());
        assertThat(extra).as("keys of msg_zh.properties that Msg does not define").isEmpty();
        assertThat(defaultKeys()).hasSizeGreaterThan(150);
    }

    @Test
    void everyTranslationUsesTheSameParametersAndIsChinese() {
        Properties zh = chinese();
        Set<String> sameInBoth = Set.of("noResources");
        for (Method m : Msg.class.getDeclaredMethods()) {
            Message message = m.getAnnotation(Message.class);
            if (message == null) {
                continue;
            }
            String english = message.value();
            String chinese = zh.getProperty(m.getName(), "");
            assertThat(params(chinese)).as("parameters of %s in Chinese", m.getName()).isEqualTo(params(english));
            assertThat(chinese.contains("%n")).as("%%n in %s", m.getName()).isEqualTo(english.contains("%n"));
            assertThat(chinese.contains("%s")).as("%%s in %s", m.getName()).isEqualTo(english.contains("%s"));
            if (!sameInBoth.contains(m.getName()) && english.chars().anyMatch(Character::isLetter)
                    && !m.getName().startsWith("otherLang") && !m.getName().equals("htmlLang")) {
                assertThat(chinese.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                        .as("%s is written in Chinese: %s", m.getName(), chinese).isTrue();
            }
        }
    }

    @Test
    void everyScenarioHasItsChineseLabTitleSummaryAndHintsKeepingTheAttributes() {
        for (Scenario s : new Catalog(Catalog.load(java.util.Optional.empty())).all()) {
            for (String language : LabLanguages.TRANSLATIONS) {
                assertThat(s.translations()).as("%s has a %s lab", s.id(), language).containsKey(language);
                var t = s.translations().get(language);
                assertThat(t.title()).as("%s title in %s", s.id(), language).isNotBlank().isNotEqualTo(s.title());
                assertThat(t.summary()).as("%s summary in %s", s.id(), language).isNotBlank().isNotEqualTo(s.summary());
                assertThat(t.hints()).as("%s hints in %s", s.id(), language).hasSameSizeAs(s.hints());
                assertThat(attributes(t.lab())).as("AsciiDoc attributes of labs/%s/%s.adoc", language, s.id())
                        .isEqualTo(attributes(s.lab()));
                assertThat(count(t.lab(), "\n== ")).as("sections of labs/%s/%s.adoc", language, s.id())
                        .isEqualTo(count(s.lab(), "\n== "));
                assertThat(count(t.lab(), "[source")).as("code blocks of labs/%s/%s.adoc", language, s.id())
                        .isEqualTo(count(s.lab(), "[source"));
                Scenario local = s.in(language);
                assertThat(local.title()).isEqualTo(t.title());
                assertThat(local.hints()).isEqualTo(t.hints());
                assertThat(local.workload()).isEqualTo(s.workload());
                assertThat(s.in("fr")).isSameAs(s);
            }
        }
    }

    private static Set<String> params(String message) {
        Set<String> names = new TreeSet<>();
        Matcher m = PARAM.matcher(message);
        while (m.find()) {
            String name = m.group(1);
            if (!Set.of("if", "else", "when", "is").contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static Set<String> attributes(String adoc) {
        Set<String> names = new TreeSet<>();
        Matcher m = ATTRIBUTE.matcher(adoc);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }
}
