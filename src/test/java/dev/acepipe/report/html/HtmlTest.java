package dev.acepipe.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesMarkupAndQuotesAndDropsControlCharacters() {
    assertThat(Html.esc("<a href=\"x\">'&'</a>\u0000\u001b\t\n"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\t\n");
  }

  @Test
  void encodesEachPathSegmentOfARelativeLink() {
    assertThat(Html.relativeUrl("takes/my take#1?.wav")).isEqualTo("takes/my%20take%231%3F.wav");
    assertThat(Html.relativeUrl("takes/ünï.flac")).isEqualTo("takes/%C3%BCn%C3%AF.flac");
  }

  @Test
  void aFirstSegmentWithAColonCannotBecomeAScheme() {
    assertThat(Html.relativeUrl("javascript:alert(1)")).isEqualTo("javascript%3Aalert%281%29");
  }
}
