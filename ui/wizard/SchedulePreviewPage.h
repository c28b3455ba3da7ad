#pragma once

// The last step: the schedule described in words, its next ScheduleWizard::PreviewCount
// occurrences in the chosen zone, and the settings.job keys it writes. The occurrences are
// computed off the GUI thread each time the page is entered; an answer that comes after the
// page was entered again is dropped.

#include "ui/wizard/ScheduleWizardPage.h"

#include <QDateTime>
#include <QList>

class QLabel;
class QListWidget;
class QPlainTextEdit;

namespace WebJobs {

class SchedulePreviewPage : public ScheduleWizardPage
{
    Q_OBJECT

public:
    explicit SchedulePreviewPage(ScheduleWizard* wizard);

    // The occurrences shown, once previewReady() has been emitted.
    QList<QDateTime> previewTimes() const { return m_preview; }

    void initializePage() override;

Q_SIGNALS:
    void previewReady();

private:
    QLabel* m_summaryLabel;
    QListWidget* m_previewList;
    QLabel* m_jsonLabel;
    QPlainTextEdit* m_jsonView;
    QList<QDateTime> m_preview;
    quint64 m_previewGeneration = 0;
};

} // namespace WebJobs
