import type { FdoExample } from './types';

export const chatRoom: FdoExample = {
  id: 'chat-room',
  title: 'Chat room',
  description: 'A chat room: the conversation view, the people here list, a message line and a Send button.',
  source: `uni_start_stream <00x>
  man_start_object <ind_group, "Lobby 42">
    mat_orientation <hff>
    mat_position <center_center>
    chat_room_open
    man_start_object <org_group, "">
      mat_orientation <vff>
      man_start_object <view, "">
        mat_size <48, 12, 0>
        mat_relative_tag <1>
        mat_bool_force_scroll <yes>
        mat_font_id <arial>
        mat_font_size <10>
      man_start_sibling <edit_view, "">
        mat_size <40, 1, 92>
        mat_relative_tag <2>
        mat_bool_writeable <yes>
      man_start_sibling <trigger, "Send">
        mat_bool_default <yes>
        act_replace_select_action
            <
            uni_start_stream <00x>
            sm_send_token_arg <"Aa">
            >
        man_end_object
      man_start_sibling <org_group, "">
        mat_orientation <vff>
        man_start_object <ornament, "">
          mat_font_style <bold>
          man_append_data <"People Here">
        man_start_sibling <sms_list, "">
          mat_size <16, 12, 0>
          mat_relative_tag <3>
          mat_bool_list_icons <yes>
        man_end_object
      man_end_object
      man_update_display
    uni_end_stream <00x>
`,
};
