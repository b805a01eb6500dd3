package dev.acepipe.exec;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.Download;
import dev.acepipe.client.FormatRequest;
import dev.acepipe.client.FormatResult;
import dev.acepipe.client.Health;
import dev.acepipe.client.ModelInfo;
import dev.acepipe.client.RandomSample;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.client.ServerStats;
import dev.acepipe.client.Submission;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.client.TaskStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A client whose server is started on the first call that needs it. {@code engine run} uses it for
 * the embedded server: a fully cached run never starts one (starting the web stack costs more than
 * the whole cached run). Not thread-safe to start concurrently; the executor calls it from one
 * thread.
 */
public final class LazyClient implements AceStepClient {
  private final String placeholderUrl;
  private final Supplier<AceStepClient> start;
  private AceStepClient delegate;

  /**
   * @param placeholderUrl what {@link #baseUrl()} says until the server is started
   * @param start starts the server and returns a client for it; called at most once
   */
  public LazyClient(String placeholderUrl, Supplier<AceStepClient> start) {
    this.placeholderUrl = Objects.requireNonNull(placeholderUrl, "placeholderUrl");
    this.start = Objects.requireNonNull(start, "start");
  }

  /** Whether a call has started the server. */
  public boolean started() {
    return delegate != null;
  }

  private AceStepClient client() {
    if (delegate == null) {
      delegate = Objects.requireNonNull(start.get(), "start returned no client");
    }
    return delegate;
  }

  @Override
  public String baseUrl() {
    return delegate == null ? placeholderUrl : delegate.baseUrl();
  }

  @Override
  public Health health() {
    return client().health();
  }

  @Override
  public ServerProfile profile() {
    return client().profile();
  }

  @Override
  public List<ModelInfo> models() {
    return client().models();
  }

  @Override
  public dev.acepipe.client.ModelInventory modelInventory() {
    return client().modelInventory();
  }

  @Override
  public ServerStats stats() {
    return client().stats();
  }

  @Override
  public Submission submit(TaskRequest request) {
    return client().submit(request);
  }

  @Override
  public Submission submitWithUpload(TaskRequest request, Path localAudio) {
    return client().submitWithUpload(request, localAudio);
  }

  @Override
  public Submission submitWithUpload(TaskRequest request, Path source, Path reference) {
    return client().submitWithUpload(request, source, reference);
  }

  @Override
  public List<TaskStatus> query(List<String> taskIds) {
    return client().query(taskIds);
  }

  @Override
  public Download download(String fileUrl, Path target) {
    return client().download(fileUrl, target);
  }

  @Override
  public Download download(String fileUrl, Path target, java.io.OutputStream tee) {
    return client().download(fileUrl, target, tee);
  }

  @Override
  public boolean probe(String serverPath) {
    return client().probe(serverPath);
  }

  @Override
  public FormatResult formatInput(FormatRequest request) {
    return client().formatInput(request);
  }

  @Override
  public RandomSample randomSample(String sampleType) {
    return client().randomSample(sampleType);
  }

  @Override
  public void close() {
    if (delegate != null) {
      delegate.close();
    }
  }

  @Override
  public dev.acepipe.client.LoraResult loraLoad(String loraPath, String adapterName) {
    return client().loraLoad(loraPath, adapterName);
  }

  @Override
  public dev.acepipe.client.LoraResult loraUnload() {
    return client().loraUnload();
  }

  @Override
  public dev.acepipe.client.LoraResult loraToggle(boolean useLora) {
    return client().loraToggle(useLora);
  }

  @Override
  public dev.acepipe.client.LoraResult loraScale(double scale, String adapterName) {
    return client().loraScale(scale, adapterName);
  }

  @Override
  public dev.acepipe.client.LoraStatus loraStatus() {
    return client().loraStatus();
  }

  @Override
  public dev.acepipe.client.InitResult initModel(String model, Integer slot) {
    return client().initModel(model, slot);
  }
}
