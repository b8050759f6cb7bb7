package dev.breakfix.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** Which language a request gets: the switch, then the cookie, then Accept-Language by weight, then English. */
class LanguagesTest {

    @Test
    void acceptLanguageIsReadByWeightAndRegion() {
        assertThat(Languages.resolve(null, null, "zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Languages.CHINESE);
        assertThat(Languages.resolve(null, null, "zh-TW")).isEqualTo(Languages.CHINESE);
        assertThat(Languages.resolve(null, null, "en-US,en;q=0.9,zh;q=0.5")).isEqualTo(Languages.ENGLISH);
        assertThat(Languages.resolve(null, null, "fr;q=1,zh;q=0.4,en;q=0.3")).isEqualTo(Languages.CHINESE);
        assertThat(Languages.resolve(null, null, "fr,de")).isEqualTo(Languages.ENGLISH);
        assertThat(Languages.resolve(null, null, "zh;q=0,en;q=0.1")).isEqualTo(Languages.ENGLISH);
        assertThat(Languages.resolve(null, null, null)).isEqualTo(Languages.ENGLISH);
        assertThat(Languages.resolve(null, null, ";;;=garbage")).isEqualTo(Languages.ENGLISH);
    }

    @Test
    void theSwitchBeatsTheCookieWhichBeatsTheBrowser() {
        assertThat(Languages.resolve("en", "zh", "zh-CN")).isEqualTo(Languages.ENGLISH);
        assertThat(Languages.resolve(null, "zh", "en-US")).isEqualTo(Languages.CHINESE);
        assertThat(Languages.resolve("xx", "zh", "en-US")).isEqualTo(Languages.CHINESE);
        assertThat(Languages.resolve(null, "<script>", "zh")).isEqualTo(Languages.CHINESE);
        assertThat(Languages.code(Locale.SIMPLIFIED_CHINESE)).isEqualTo("zh");
        assertThat(Languages.code(Locale.FRENCH)).isEqualTo("en");
    }
}
