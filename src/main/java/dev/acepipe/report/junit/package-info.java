/**
 * JUnit XML for CI servers (the Jenkins/Surefire dialect every CI understands): one test suite per
 * pipeline run with one test case per step, and for {@code engine validate} one test case per
 * pipeline file with its diagnostics as the failure.
 */
package dev.acepipe.report.junit;
